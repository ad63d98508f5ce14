; Inno Setup 6 script: the PyInstaller one-folder bundle (dist\fazhi-nianbao) → fazhi-nianbao-<version>-setup.exe
;   iscc /DAppVersion=0.8.0 packaging\windows\fazhi-nianbao.iss      (run from the repository root after
;   pyinstaller packaging\fazhi-nianbao.spec; .github/workflows/windows.yml does both)
; Saved as UTF-8 with a byte-order mark: Inno Setup reads the Chinese names correctly only so.
; Installs per user without administrator rights by default (office PCs are often locked down);
; the dialog offers all users. The archive stays in %APPDATA%\FazhiNianbao and survives uninstalling.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (core/__init__.py holds it)
#endif
#define AppName "法治年报"
#define AppExe "fazhi-nianbao.exe"
#define Root "..\.."

[Setup]
AppId={{6B0E6F51-6A43-4B8E-9C1B-2F7C1E0A9D35}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\FazhiNianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=fazhi-nianbao-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\fazhi-nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; ChineseSimplified.isl: the workflow puts it into Inno Setup's Languages folder when it is missing.
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\fazhi-nianbao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
