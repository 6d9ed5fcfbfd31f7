#!/usr/bin/env bash
# Installs the Debian packages the native core needs (libtorch, OpenCV, CMake, a C++ compiler) and
# the Python side of examples/pytorch (torch, torchvision, numpy, PIL), which the TorchScript tests run, and what
# the review page needs (fonts for the karyograms, Chromium for its browser tests).
# Quiet and fast when everything is already there: dpkg is asked first, apt only when something is missing.
set -euo pipefail

# chromium runs the review page's browser tests; fonts-dejavu-core and libfontconfig1 are the karyograms' text.
packages=(libtorch-dev libopencv-dev cmake g++ make python3-torch python3-torchvision python3-numpy python3-pil
  chromium fonts-dejavu-core libfontconfig1)

missing=()
for pkg in "${packages[@]}"; do
  # dpkg -s alone also succeeds for a removed package whose config files remain.
  if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

# env rather than export: sudo drops the caller's environment.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o Dpkg::Use-Pty=0)
"${apt[@]}" update
# Recommends stay on, as on the developers' machines (libtorch1.13 recommends a BLAS).
"${apt[@]}" install "${missing[@]}" >/dev/null
