#!/usr/bin/env bash
# Run a command of this repository inside a Debian chroot that has another QGIS than the host's, e.g. QGIS 3.40 LTR
# from Debian 13 on a Debian 12 machine (make test-qgis-3.40). As root (or through sudo).
#
#   tests/tools/qgis_chroot.sh CHROOT SUITE COMMAND...
#
# CHROOT is created with debootstrap (Debian's default mirror) unless it is already bootstrapped, and reused then;
# `make system-packages` inside it installs QGIS and the tools the first time. The repository (and ../shared, and the
# git directory of a worktree) are bind-mounted at their own paths, so the command runs on this checkout and writes
# to it; /proc, /sys and /dev are mounted for QGIS and Python. A trap unmounts everything on exit, whatever happens
# (an interrupt or TERM first ends the command inside, which runs as a process group of its own),
# and a lock keeps two runs from sharing the mounts. The host's CA bundle and pip configuration are copied in, so
# apt and pip reach the package indexes the host reaches.
set -euo pipefail

# All in one function, read whole before it runs: editing this file during a run cannot derail the run.
main() {
  if [ $# -lt 3 ]; then
    echo "usage: $0 CHROOT SUITE COMMAND..." >&2
    exit 2
  fi
  chroot_dir="$(realpath -m "$1")"
  suite="$2"
  shift 2
  repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  shared="$(realpath -m "$repository/../shared")"

  if [ "$(id -u)" -ne 0 ]; then
    exec sudo --preserve-env "$0" "$chroot_dir" "$suite" "$@"
  fi

  step() { printf '==> %s\n' "$*"; }

  mkdir -p "$(dirname "$chroot_dir")"
  exec 9>"$chroot_dir.lock"
  if ! flock -n 9; then
    echo "waiting for another run that uses $chroot_dir..." >&2
    flock 9
  fi

  bootstrapped() {  # apt configured by debootstrap's second stage, not just unpacked by an interrupted run
    grep -A2 -x "Package: apt" "$chroot_dir/var/lib/dpkg/status" 2>/dev/null | grep -qx "Status: install ok installed"
  }
  if ! bootstrapped; then
    if ! command -v debootstrap >/dev/null 2>&1; then
      step "Installing debootstrap"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    fi
    step "debootstrap $suite into $chroot_dir (about a minute)"
    started=$SECONDS
    debootstrap --variant=minbase "$suite" "$chroot_dir" >"$chroot_dir.debootstrap.log" 2>&1 || {
      tail -20 "$chroot_dir.debootstrap.log" >&2
      exit 1
    }
    echo "debootstrap took $((SECONDS - started)) s"
  fi

  mounted=()
  unmount_all() {
    local index
    for ((index = ${#mounted[@]} - 1; index >= 0; index--)); do
      umount -R "${mounted[index]}" 2>/dev/null || umount -R -l "${mounted[index]}" || true
    done
  }
  child=""
  in_own_group() {  # run "$@" as a process group of its own, waited for so that a signal reaches the trap at once
    setsid "$@" &  # (stdin: /dev/null; the commands run here need none)
    child=$!
    local status=0
    wait "$child" || status=$?
    child=""
    return "$status"
  }
  stop_child() {
    [ -z "$child" ] && return 0
    kill -TERM -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  }
  trap unmount_all EXIT
  trap 'stop_child; exit 130' INT TERM

  mount_at() {  # mount_at TARGET mount-arguments...
    local target="$chroot_dir$1"
    shift
    mkdir -p "$target"
    mountpoint -q "$target" && umount -R "$target"
    mount "$@" "$target"
    mounted+=("$target")
  }
  mount_at /proc -t proc proc
  mount_at /sys --rbind /sys
  mount --make-rslave "$chroot_dir/sys"
  mount_at /dev --rbind /dev
  mount --make-rslave "$chroot_dir/dev"
  mount_at "$repository" --bind "$repository"
  [ -d "$shared" ] && mount_at "$shared" --bind "$shared"
  git_common="$(git -C "$repository" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  if [ -n "$git_common" ] && [ "${git_common#"$repository"/}" = "$git_common" ]; then
    mount_at "$git_common" --bind "$git_common"  # a worktree's git directory lives outside it
  fi

  copy_host_configuration() {
    mkdir -p "$chroot_dir/etc/ssl/certs"
    cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
    [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$chroot_dir/etc/ssl/certs/"
    [ -f /etc/pip.conf ] && cp /etc/pip.conf "$chroot_dir/etc/pip.conf"
    return 0
  }
  copy_host_configuration

  in_chroot=(chroot "$chroot_dir" /usr/bin/env -u VIRTUAL_ENV -u PYTHONHOME HOME=/root DEBIAN_FRONTEND=noninteractive
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)

  if [ ! -x "$chroot_dir/usr/bin/make" ]; then
    step "Installing make in the chroot"
    "${in_chroot[@]}" apt-get update -qq
    "${in_chroot[@]}" apt-get install -y -qq --no-install-recommends make ca-certificates git >/dev/null
    copy_host_configuration  # ca-certificates rewrote the bundle
  fi
  in_own_group "${in_chroot[@]}" make -C "$repository" --no-print-directory system-packages
  "${in_chroot[@]}" apt-get clean  # the downloaded .deb files (about 1 GB)
  copy_host_configuration

  step "In the $suite chroot: $*"
  in_own_group "${in_chroot[@]}" bash -c 'cd "$1" && shift && exec "$@"' bash "$repository" "$@"
}

main "$@"
exit
