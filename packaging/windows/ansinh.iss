; Inno Setup script: the Windows installer of An Sinh Studio, built by
; .github/workflows/windows.yml from dist\AnSinhStudio (packaging/ansinh.spec).
; Per user, no administrator: installs under %LOCALAPPDATA%\Programs with a Start-menu
; shortcut, the .ansinh file type in HKCU and an uninstaller (Settings › Apps). Vietnamese
; first (Inno Setup's unofficial Vietnamese.isl, written for Inno Setup 6.5+, which the
; workflow fetches beside this file), English second.
;   ISCC /DAppVersion=0.1.0 /DIconFile=..\..\build\ansinh.ico packaging\windows\ansinh.iss

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z
#endif
#ifndef IconFile
  #define IconFile "..\..\build\ansinh.ico"
#endif

[Setup]
AppId={{6F3C2A1E-8B4D-4E57-9A61-2C0B7D5E9F13}
AppName=An Sinh Studio
AppVersion={#AppVersion}
AppPublisher=An Sinh Studio
DefaultDirName={autopf}\AnSinhStudio
DisableProgramGroupPage=yes
; Per-user install: {autopf} is %LOCALAPPDATA%\Programs, registry entries go to HKCU.
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=AnSinhStudio-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\ansinh.exe
UninstallDisplayName=An Sinh Studio
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.CampaignFile=Chiến dịch An Sinh Studio
en.CampaignFile=An Sinh Studio campaign

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\AnSinhStudio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle whole: a file the new version no longer ships would
; otherwise stay behind (the manifest checked at start lists only the new files).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\An Sinh Studio"; Filename: "{app}\ansinh.exe"
Name: "{autodesktop}\An Sinh Studio"; Filename: "{app}\ansinh.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install: no administrator needed for the file type either.
Root: HKA; Subkey: "Software\Classes\.ansinh"; ValueType: string; ValueName: ""; ValueData: "AnSinhStudio.Campaign"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.ansinh\OpenWithProgids"; ValueType: string; ValueName: "AnSinhStudio.Campaign"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\AnSinhStudio.Campaign"; ValueType: string; ValueName: ""; ValueData: "{cm:CampaignFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\AnSinhStudio.Campaign\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\ansinh.exe,0"
Root: HKA; Subkey: "Software\Classes\AnSinhStudio.Campaign\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\ansinh.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\ansinh.exe\SupportedTypes"; ValueType: string; ValueName: ".ansinh"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\ansinh.exe"; Description: "{cm:LaunchProgram,An Sinh Studio}"; Flags: nowait postinstall skipifsilent
