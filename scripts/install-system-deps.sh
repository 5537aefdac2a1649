#!/usr/bin/env bash
# Installs the system packages chitieu needs (Debian/Ubuntu) when they are missing and we can:
# Tesseract with its Vietnamese model (OCR of scanned documents), DejaVu fonts (test fixtures,
# charts), Pango (PDF reports via WeasyPrint), PostgreSQL (shared deployments and its tests),
# Chromium (browser tests), poppler-utils (PDF previews).
set -euo pipefail

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || need+=(tesseract-ocr-vie)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

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
