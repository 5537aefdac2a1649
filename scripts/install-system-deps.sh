#!/usr/bin/env bash
# The system packages chitieu and its tests use on Debian/Ubuntu, listed once, each with the probe
# that proves it is there:
#   make and python3-venv (the Makefile and its virtual environment), Tesseract with its Vietnamese
#   and English models (OCR of scanned documents), Liberation fonts (Times New Roman's metrics for
#   official reports; a real Times New Roman does as well), DejaVu fonts (test fixtures, charts),
#   fontconfig and Pango (PDF reports via WeasyPrint), poppler-utils (PDF pages as images),
#   PostgreSQL (shared deployments and its tests), Chromium (browser tests).
#
#   install-system-deps.sh          install whatever is missing (as root with apt-get), else say
#                                   which packages to install; exit 0 either way
#   install-system-deps.sh --check  install nothing; name every missing package and exit 1 if
#                                   any is missing (CI runs this before the tests)
set -euo pipefail

has_lang() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx "$1"; }
serif_for_times() { command -v fc-match >/dev/null 2>&1 && fc-match -f '%{family}' 'Times New Roman' 2>/dev/null; }

# Whether a package is there, judged by what it provides rather than by dpkg (a font or binary may
# come from elsewhere).
probe() {
  case "$1" in
    make) command -v make >/dev/null 2>&1 ;;
    python3-venv) python3 -c 'import ensurepip, venv' >/dev/null 2>&1 ;;
    tesseract-ocr) command -v tesseract >/dev/null 2>&1 ;;
    tesseract-ocr-vie) has_lang vie ;;
    tesseract-ocr-eng) has_lang eng ;;
    fontconfig) command -v fc-match >/dev/null 2>&1 ;;
    fonts-liberation2) serif_for_times | grep -qE 'Times New Roman|Liberation Serif|Tinos' ;;
    fonts-dejavu-core) [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] ;;
    libpango-1.0-0) ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' ;;
    libpangoft2-1.0-0) ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' ;;
    poppler-utils) command -v pdftoppm >/dev/null 2>&1 ;;
    chromium) command -v chromium >/dev/null 2>&1 ;;
    postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
    *) return 1 ;;
  esac
}

explain() {
  case "$1" in
    make) echo "không có lệnh make" ;;
    python3-venv) echo "python3 không tạo được môi trường ảo (thiếu ensurepip)" ;;
    tesseract-ocr) echo "không có lệnh tesseract" ;;
    tesseract-ocr-vie) echo "tesseract --list-langs không có 'vie'" ;;
    tesseract-ocr-eng) echo "tesseract --list-langs không có 'eng'" ;;
    fontconfig) echo "không có lệnh fc-match" ;;
    fonts-liberation2) echo "fc-match \"Times New Roman\" cho '$(serif_for_times || true)', không phải Liberation Serif" ;;
    fonts-dejavu-core) echo "không có /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" ;;
    libpango-1.0-0) echo "không có thư viện libpango-1.0" ;;
    libpangoft2-1.0-0) echo "không có thư viện libpangoft2-1.0" ;;
    poppler-utils) echo "không có lệnh pdftoppm" ;;
    chromium) echo "không có lệnh chromium" ;;
    postgresql) echo "không có /usr/lib/postgresql/*/bin/initdb" ;;
  esac
}

PACKAGES=(make python3-venv tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng fontconfig fonts-liberation2 fonts-dejavu-core
          libpango-1.0-0 libpangoft2-1.0-0 poppler-utils chromium postgresql)

missing() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    probe "$pkg" || echo "$pkg"
  done
}

mapfile -t need < <(missing)
if [ "${1:-}" = "--check" ]; then
  if [ ${#need[@]} -eq 0 ]; then
    echo "Máy đủ gói hệ thống: ${PACKAGES[*]}"
    exit 0
  fi
  for pkg in "${need[@]}"; do
    echo "Thiếu gói hệ thống $pkg: $(explain "$pkg")" >&2
  done
  echo "Cài bằng: sudo bash scripts/install-system-deps.sh (hoặc apt-get install ${need[*]})" >&2
  exit 1
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Thiếu gói hệ thống: ${need[*]} (cài bằng: sudo apt-get install ${need[*]})" >&2
  exit 0
fi
echo "Cài gói hệ thống: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# A font installed just now is seen by fc-match only after the cache is rebuilt.
command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
