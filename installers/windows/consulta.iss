; Inno Setup 6 script for Consulta (Windows installer).
;
; Built by installers\build.py after PyInstaller, or by hand:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=..\..\dist\consulta /DIconsDir=..\..\build\icons installers\windows\consulta.iss
;
; Installs for the current user without administrator rights (in %LOCALAPPDATA%\Programs);
; an administrator can choose "all users" in the first dialog. Registers .consulta with its
; icon and "Open with Consulta", adds a Start-menu entry, and uninstalls cleanly (your
; .consulta files are never removed).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\consulta"
#endif
#ifndef IconsDir
  #define IconsDir "..\..\build\icons"
#endif
#define AppName "Consulta"
#define AppExe "consulta.exe"
#define ProgId "Consulta.Consultation"

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6C1B7E2A-3F4D-4A8B-9C21-5E7D0F3A9B64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Consulta
AppCopyright=Consulta. Free software under the GNU GPL, version 3 or later.
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=consulta-{#AppVersion}-setup
SetupIconFile={#IconsDir}\consulta.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
ShowLanguageDialog=auto
UsePreviousLanguage=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "portuguese"; MessagesFile: "compiler:Languages\Portuguese.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "catalan"; MessagesFile: "compiler:Languages\Catalan.isl"

[CustomMessages]
english.DocumentType=Consulta consultation
english.OpenWithConsulta=Open with Consulta
spanish.DocumentType=Consulta de Consulta
spanish.OpenWithConsulta=Abrir con Consulta
brazilianportuguese.DocumentType=Consulta do Consulta
brazilianportuguese.OpenWithConsulta=Abrir com o Consulta
portuguese.DocumentType=Consulta do Consulta
portuguese.OpenWithConsulta=Abrir com o Consulta
french.DocumentType=Consultation Consulta
french.OpenWithConsulta=Ouvrir avec Consulta
catalan.DocumentType=Consulta del Consulta
catalan.OpenWithConsulta=Obre amb el Consulta

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#IconsDir}\consulta-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install and HKEY_LOCAL_MACHINE for all users.
Root: HKA; Subkey: "Software\Classes\.consulta"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.consulta"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-consulta"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.consulta\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DocumentType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\consulta-document.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithConsulta}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".consulta"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may write compiled copies of the migrations (loaded from .py files) next to them.
Type: filesandordirs; Name: "{app}\_internal\consulta\store\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\consulta\store\migrations\versions\__pycache__"
Type: dirifempty; Name: "{app}"
