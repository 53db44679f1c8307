; Inno Setup 6 script for Windows: iscc /DVariant=cpu atlas.iss  (or /DVariant=cuda)
; Built on a Windows machine after `installer/build.sh --variant ...` has produced
; build\dist\atlas-desktop there; our Linux build machines cannot run it (see installer/README.md).
; The CUDA variant is larger than the 4 GB a single setup.exe can hold, so it spans slices.

#ifndef Variant
  #define Variant "cpu"
#endif
#define AppVersion "0.1.0"
#define Bundle "..\..\build\dist\atlas-desktop"

[Setup]
AppId={{6A3F0C52-7C1B-4E0B-9B4A-5D2E1A7C9F31}
AppName=Atlas Desktop
AppVersion={#AppVersion}
AppVerName=Atlas Desktop {#AppVersion} ({#Variant})
AppPublisher=Atlas Desktop team
DefaultDirName={autopf}\Atlas Desktop
DefaultGroupName=Atlas Desktop
UninstallDisplayIcon={app}\atlas-desktop.exe
OutputDir=..\..\build\packages
OutputBaseFilename=atlas-desktop-{#AppVersion}-windows-x64-{#Variant}-setup
SetupIconFile=..\..\resources\icons\atlas-desktop.ico
Compression=lzma2/normal
SolidCompression=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern
ShowLanguageDialog=yes
LicenseFile=..\..\build\work\fonts\OFL-LICENSE.txt
#if Variant == "cuda"
; torch's CUDA libraries take the bundle past 4 GB: setup.exe plus setup-N.bin slices.
DiskSpanning=yes
DiskSliceSize=2000000000
#else
DiskSpanning=no
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "arabic"; MessagesFile: "compiler:Default.isl,Arabic.isl"

[CustomMessages]
english.LaunchAtlas=Open Atlas Desktop
arabic.LaunchAtlas=افتح أطلس
english.CommandLine=Add the atlas command to the PATH
arabic.CommandLine=أضف الأمر atlas إلى مسار الأوامر

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:CommandLine}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Atlas Desktop"; Filename: "{app}\atlas-desktop.exe"
Name: "{group}\{cm:UninstallProgram,Atlas Desktop}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Atlas Desktop"; Filename: "{app}\atlas-desktop.exe"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\atlas-desktop.exe"; Description: "{cm:LaunchAtlas}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
