#!/usr/bin/env bash
# Serves the demo on 127.0.0.1:8000. Unless BBB_URL is set, it also starts the test suite's
# fake BigBlueButton server on 127.0.0.1:8090 (secret "demo-secret"), so organisers can hold
# an online Stadtgespräch in the demo: the room is created and joined through the real API
# calls and attendance is recorded (the fake has no video; docs/rooms.md).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${RUN:-python -m uv run --frozen}
export STADTGESPRAECHE_DEMO=1
if [ -z "${BBB_URL:-}" ]; then
  port=${DEMO_BBB_PORT:-8090}
  (cd src && exec $RUN python -m tests.rooms.fake_bbb "$port" demo-secret) &
  fake=$!
  trap 'kill "$fake" 2>/dev/null || true' EXIT INT TERM
  export BBB_URL="http://127.0.0.1:$port/bigbluebutton/" BBB_SECRET=demo-secret
  echo "==> Fake BigBlueButton for the demo rooms: $BBB_URL"
fi
$RUN stadtgespraeche runserver --insecure 127.0.0.1:8000
