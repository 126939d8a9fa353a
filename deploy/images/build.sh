#!/usr/bin/env bash
# Builds the three Duban images: packages the services (Quarkus fast-jar), then builds
# duban/unit-registry-service, duban/task-service and duban/notification-service with Docker or Podman.
#
#   deploy/images/build.sh [--no-package] [--engine docker|podman] [--tag TAG] [--registry HOST[:PORT]/PATH] [--push]
#
# Names and the default tag come from deploy/images/images.env (the one place they live).
#   --no-package   use the target/quarkus-app already built (after ./mvnw -B package -DskipTests)
#   --engine       docker or podman; default: the first whose `<engine> info` answers
#   --tag          another tag than images.env's (e.g. a commit id for a test registry)
#   --registry     also tag each image <registry>/duban/<service>:<tag> (e.g. registry.example.gov.cn/duban-prod)
#   --push         push the registry tags (needs --registry; log in with `<engine> login` first)
# DUBAN_BASE_IMAGE overrides the base image (e.g. a mirror of registry.access.redhat.com/ubi9/openjdk-17-runtime).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=images.env
source "$root/deploy/images/images.env"

package=true engine="" tag="$DUBAN_IMAGE_TAG" registry="" push=false
while [ $# -gt 0 ]; do
  case "$1" in
    --no-package) package=false ;;
    --engine) engine="${2:?--engine needs docker or podman}"; shift ;;
    --tag) tag="${2:?--tag needs a value}"; shift ;;
    --registry) registry="${2:?--registry needs a value}"; shift ;;
    --push) push=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if $push && [ -z "$registry" ]; then echo "--push needs --registry" >&2; exit 2; fi

if [ -z "$engine" ]; then
  for candidate in docker podman; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" info >/dev/null 2>&1; then engine=$candidate; break; fi
  done
  if [ -z "$engine" ]; then
    echo "No container engine answers: neither 'docker info' nor 'podman info' succeeds. Start Docker or install Podman." >&2
    exit 1
  fi
fi

cd "$root"
if $package; then
  modules=$(echo $DUBAN_IMAGE_SERVICES | tr ' ' ',')
  echo "==> packaging $modules (./mvnw -B package -DskipTests)"
  ./mvnw -B -q package -DskipTests -pl "$modules" -am
fi

base_arg=()
if [ -n "${DUBAN_BASE_IMAGE:-}" ]; then base_arg=(--build-arg "BASE_IMAGE=$DUBAN_BASE_IMAGE"); fi

for service in $DUBAN_IMAGE_SERVICES; do
  image="$DUBAN_IMAGE_NAMESPACE/$service:$tag"
  if [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$service/target/quarkus-app/quarkus-run.jar is missing: run without --no-package" >&2
    exit 1
  fi
  echo "==> $engine build $image"
  "$engine" build "${base_arg[@]}" -f "$service/src/main/docker/Dockerfile.jvm" -t "$image" "$service"
  if [ -n "$registry" ]; then
    "$engine" tag "$image" "$registry/$image"
    if $push; then "$engine" push "$registry/$image"; fi
  fi
done
echo "==> built:"
for service in $DUBAN_IMAGE_SERVICES; do echo "    $DUBAN_IMAGE_NAMESPACE/$service:$tag"; done
