; Inno Setup 6 script: packs the PyInstaller one-folder bundle (build\dist\scribe) into
; ScribeSetup-<version>[-cuda].exe. No model weights are included: on first start Scribe's
; wizard installs the model packs or registers the practice's own.
;
;   iscc installer\windows\scribe.iss                       (CPU build)
;   iscc /DVariant=cuda installer\windows\scribe.iss        (bundle built with CUDA, see BUILD.md)
;   iscc /DAppVersion=0.1.0 ...                             (defaults to 0.1.0)
;
; The user chooses at start: install for this user only (no administrator rights; under
; %LOCALAPPDATA%\Programs) or for everyone on the PC (Program Files, needs administrator).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Variant
  #define Variant ""
#endif
#define AppName "Scribe"
#define SourceDir "..\..\build\dist\scribe"
#if Variant == ""
  #define OutputName "ScribeSetup-" + AppVersion
#else
  #define OutputName "ScribeSetup-" + AppVersion + "-" + Variant
#endif

[Setup]
; A fixed AppId: upgrades replace the old version instead of installing beside it.
AppId={{6B1E3F52-8C0B-4C57-9A1E-2F6C0D5B7A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Scribe
AppComments=Lokal konsultasjonsskriver for fastleger
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-user by default; the dialog offers "for alle brukere" (needs administrator)
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\build\installer
OutputBaseFilename={#OutputName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\scribew.exe
UninstallDisplayName={#AppName} {#AppVersion}
CloseApplications=yes
; SignTool=signtool   ; see BUILD.md "Code signing": define the tool in the IDE/iscc /S and
;                     ; uncomment to sign the installer and the uninstaller

[Languages]
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle. Model packs live in the user's model folder, never under {app}.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "FIRST-RUN.txt"; DestDir: "{app}"; Flags: ignoreversion isreadme

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\scribew.exe"; WorkingDir: "{app}"
Name: "{group}\Scribe – selvtest"; Filename: "{cmd}"; Parameters: "/k ""{app}\scribe.exe"" --self-test"; WorkingDir: "{app}"
Name: "{group}\Les meg først"; Filename: "{app}\FIRST-RUN.txt"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\scribew.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\scribew.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote beside its files. The practice database, the exports and
; the model packs are in the user's data folder and are left alone: they are patient records.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Messages]
nb.FinishedLabel=Scribe er installert.%n%nVed første oppstart velger du hvor praksisdatabasen skal ligge og installerer modellpakkene (tale og språkmodell) fra en lokal mappe. Ingen modeller lastes ned fra internett. Se «Les meg først» i Start-menyen.
