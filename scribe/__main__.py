from scribe.cli import main

raise SystemExit(main())
