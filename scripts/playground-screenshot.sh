#!/usr/bin/env bash
# Takes docs/playground.png, the README's picture of the playground: starts the playground on a
# loopback port, drives headless Chromium through it (tools/PlaygroundScreenshot: run the seed
# demo, step three resumes) and stops the server. The tests never write this file.
# Needs chromium on PATH (apt-get install -y chromium).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
port="${PLAYGROUND_PORT:-5199}"
url="http://127.0.0.1:$port/"
out="docs/playground.png"

dotnet build tools/Playground -v q -nologo
dotnet build tools/PlaygroundScreenshot -v q -nologo

mkdir -p artifacts
# The server itself (not `dotnet run`, which would leave it running when killed); the project
# folder is its content root, for wwwroot/.
dotnet tools/Playground/bin/Debug/net10.0/Coroutines.Playground.dll --urls "$url" --contentRoot "$PWD/tools/Playground" > artifacts/playground-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
    if curl -sf "${url}api/examples" > /dev/null; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "error: the playground did not start: see artifacts/playground-server.log" >&2
        exit 1
    fi
    sleep 1
done

dotnet run --no-build --project tools/PlaygroundScreenshot -- "$url" "$out"
