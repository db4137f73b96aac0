#!/usr/bin/env bash
# Installs the Debian packages the test suite drives: LibreOffice (docx -> pdf), poppler
# (pdftotext, pdftoppm, pdffonts, pdfsig), NSS's certutil (a trust store for pdfsig), SoftHSM (a
# PKCS#11 token for the seal test), Chromium (browser tests), DejaVu Sans (the PDFs' font,
# docs/pdf.md) and LibreOffice's Python bridge (python3-uno, for the system /usr/bin/python3: the
# retour tests edit a file in LibreOffice through UNO). Idempotent; does nothing when present.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need+=(python3-uno)
if [ ${#need[@]} -gt 0 ]; then
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "test-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The OpenID provider of the single sign-on tests (npm oidc-provider, pinned in
# tests/oidc/package-lock.json), installed into tests/oidc/node_modules (gitignored).
scripts/oidc-provider.sh
