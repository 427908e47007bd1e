; Reader's Windows installer (Inno Setup 6.3 or newer), for one person on their own computer.
;
; It installs for the current user only, with no administrator rights and no UAC prompt:
;   files             %LOCALAPPDATA%\Programs\Reader  ({autopf} when not elevated = {userpf})
;   Start menu        the user's own Start menu ({autoprograms})
;   uninstaller       in "Apps" / "Add or remove programs" for that user (unins000.exe)
;
; IT staff who want one copy for every user should use the MSI (build_msi.py), or run this
; setup elevated with /ALLUSERS, which installs to C:\Program Files\Reader instead.
;
; Build on Windows, from the repository's top folder, after the PyInstaller build has made
; dist\reader\reader.exe:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\reader.iss
; which writes dist\reader-0.1.0-setup.exe. AppVersion must be reader.__version__.
;
; Silent install, update and uninstall: see packaging\windows\README.md.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 packaging\windows\reader.iss
#endif
; The folder to install (relative to this script); /DBuildDir=... to use another.
#ifndef BuildDir
  #define BuildDir "..\..\dist\reader"
#endif

[Setup]
; AppId never changes: it is how a new version finds and replaces the old one.
AppId=uk.org.reader.Reader
AppName=Reader
AppVersion={#AppVersion}
AppVerName=Reader {#AppVersion}
AppPublisher=The Reader team
AppComments=An accessible, offline book reader for children and young people.
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Reader setup

; Per user, no admin. /ALLUSERS on the command line (only there, never as a question on
; screen) asks for elevation and installs for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\Reader
DisableProgramGroupPage=yes
DisableDirPage=auto
DisableReadyPage=no
UsePreviousAppDir=yes

; The one-folder PyInstaller build is 64-bit (Python 3.12+, Qt 6): Windows 10 or 11, x64.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

; Paths below are relative to this script's folder.
OutputDir=..\..\dist
OutputBaseFilename=reader-{#AppVersion}-setup
SetupIconFile=..\icons\uk.org.reader.Reader.ico
UninstallDisplayIcon={app}\reader.exe
UninstallDisplayName=Reader
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running Reader (Restart Manager) rather than ask for a reboot.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder's Python part, so no file from an older
; version is left to be imported by mistake.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Reader"; Filename: "{app}\reader.exe"; WorkingDir: "{app}"; Comment: "Read a book one page at a time in big, clear text"
Name: "{autodesktop}\Reader"; Filename: "{app}\reader.exe"; WorkingDir: "{app}"; Comment: "Read a book one page at a time in big, clear text"; Tasks: desktopicon

[Run]
Filename: "{app}\reader.exe"; Description: "{cm:LaunchProgram,Reader}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there. Reader's settings (%APPDATA%\Reader) and logs
; (%LOCALAPPDATA%\Reader) belong to the user and are left; README.md says how to remove them.
Type: dirifempty; Name: "{app}"
