; Inno Setup 6 script for cadre_desk (built by packaging\windows\build_windows.ps1).
; Per-user install by default (no admin rights needed on locked-down office PCs); an
; administrator can choose "install for all users". Uninstalling removes the program only:
; the data folder (%LOCALAPPDATA%\cadre_desk\cadre_desk or the folder chosen in the first-run
; wizard) is never touched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceRoot
  #define SourceRoot "..\.."
#endif

[Setup]
AppId={{6B1E4C57-3F0A-4C1E-9A57-CADE0DE5C0DE}
AppName=cadre_desk
AppVerName=cadre_desk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=cadre_desk team
DefaultDirName={autopf}\cadre_desk
DefaultGroupName=cadre_desk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourceRoot}\dist
OutputBaseFilename=cadre-desk-setup-{#AppVersion}
SetupIconFile={#SourceRoot}\build\icons\cadre-desk.ico
UninstallDisplayIcon={app}\cadre-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AutostartTask=登录 Windows 后自动启动 cadre_desk
english.AutostartTask=Start cadre_desk when I sign in to Windows
chinesesimplified.LaunchApp=启动 cadre_desk
english.LaunchApp=Start cadre_desk

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "autostart"; Description: "{cm:AutostartTask}"; Flags: unchecked

[Files]
Source: "{#SourceRoot}\dist\cadre-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\cadre_desk"; Filename: "{app}\cadre-desk.exe"
Name: "{group}\{cm:UninstallProgram,cadre_desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\cadre_desk"; Filename: "{app}\cadre-desk.exe"; Tasks: desktopicon

[Registry]
; The same value the app's own "start at login" setting writes (cadre_desk.platform.autostart),
; so the two stay in agreement; removed on uninstall.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "cadre-desk"; ValueData: """{app}\cadre-desk.exe"""; Tasks: autostart; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueName: "cadre-desk"; \
  Flags: uninsdeletevalue dontcreatekey

[Run]
Filename: "{app}\cadre-desk.exe"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

; No uninstall-delete section for user data, on purpose: the user's database, attachments and
; backups are theirs. Only files installed into {app} are removed.
