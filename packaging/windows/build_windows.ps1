# Build cadre_desk for Windows: PyInstaller one-folder bundle + Inno Setup installer.
#
# Run in PowerShell from the repository root on Windows 10/11 (x64) with:
#   - Python 3.11+ (python.org installer, "Add to PATH")
#   - Inno Setup 6 (https://jrsoftware.org/isinfo.php); ISCC.exe on PATH or in the default folder
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
#
# Output: dist\cadre-desk\cadre-desk.exe (bundle) and dist\cadre-desk-setup-<version>.exe.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Step($text) { Write-Host "`n== $text" -ForegroundColor Cyan }
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" } }

Step "virtual environment"
if (-not (Test-Path ".venv\Scripts\python.exe")) { python -m venv .venv; Check "venv" }
$Py = Join-Path $Root ".venv\Scripts\python.exe"
& $Py -m pip install --quiet --upgrade pip; Check "pip upgrade"
& $Py -m pip install --quiet -e ".[packaging]"; Check "pip install"
$Version = & $Py -c "import cadre_desk; print(cadre_desk.__version__)"

Step "translations and icons"
& $Py packaging\build_translations.py release; Check "translations"
& $Py packaging\render_icons.py build\icons; Check "icons"

Step "PyInstaller one-folder bundle"
if (Test-Path "dist\cadre-desk") { Remove-Item -Recurse -Force "dist\cadre-desk" }
& $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\cadre_desk.spec
Check "PyInstaller"

Step "smoke test (--self-test on a temporary profile)"
# The exe is a GUI program (no console): wait for it and read its exit code.
$proc = Start-Process -FilePath "dist\cadre-desk\cadre-desk.exe" -ArgumentList "--self-test" -Wait -PassThru
if ($proc.ExitCode -ne 0) { throw "self-test failed (exit $($proc.ExitCode)); run it from a console with --debug" }

Step "Inno Setup installer"
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 not found: install it or put ISCC.exe on PATH" }
& $Iscc "/DAppVersion=$Version" "/DSourceRoot=$Root" packaging\windows\cadre_desk.iss; Check "ISCC"
Get-ChildItem "dist\cadre-desk-setup-*.exe" | Format-Table Name, Length
