#!/bin/sh
# Regenerates sample_consultation.flac (lossless, < 1 MB) from sample_consultation.txt: one espeak-ng Norwegian
# voice per role (lege: nb+m3, pasient: nb+f2), 0.8 s of silence between turns,
# 16 kHz mono. Synthetic speech: a smoke test for the pipeline, not a quality measure.
# Needs espeak-ng, sox and libsox-fmt-all.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sox -n -r 16000 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.8
n=0
parts=""
while IFS= read -r line; do
    [ -z "$line" ] && continue
    role=${line%%:*}
    text=${line#*: }
    case "$role" in
        lege) voice="nb+m3" ;;
        pasient) voice="nb+f2" ;;
        *) voice="nb+m1" ;;
    esac
    n=$((n + 1))
    espeak-ng -v "$voice" -s 150 -w "$tmp/raw_$n.wav" "$text"
    sox "$tmp/raw_$n.wav" -r 16000 -c 1 -b 16 "$tmp/turn_$n.wav"
    parts="$parts $tmp/turn_$n.wav $tmp/gap.wav"
done < "$here/sample_consultation.txt"
# shellcheck disable=SC2086
sox "$tmp/gap.wav" $parts "$here/sample_consultation.flac"
