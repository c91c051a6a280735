#!/usr/bin/env bash
# Serves the demo on 127.0.0.1:8000 and runs the background worker beside it (e-mails are
# tasks: the worker prints them to this terminal, docs/operations.md). Unless BBB_URL is set,
# it also starts the test suite's fake BigBlueButton server on 127.0.0.1:8090 (secret
# "demo-secret"), so organisers can hold an online Stadtgespräch in the demo: the room is
# created and joined through the real API calls and attendance is recorded (the fake has no
# video; docs/rooms.md). Unless DEMO_OPARL=0, it serves the two recorded OParl crawls
# (Hürtgenwald, Karlsruhe; ../shared/data or SHARED_DATA_DIR) from the local fake OParl
# server on 127.0.0.1:8766 and queues their import for the worker: the demo shows council
# data (council records only: no network profile is made from them; docs/oparl.md).
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${RUN:-python -m uv run --frozen}
export STADTGESPRAECHE_DEMO=1
# The recorded crawls hold file metadata but no PDF bodies (the fake server answers 404), so
# the demo does not download council files unless asked to (docs/oparl.md, "File texts").
export OPARL_FILE_MAX_MB=${OPARL_FILE_MAX_MB:-0}
children=()
stop_children() {
  for child in "${children[@]}"; do kill "$child" 2>/dev/null || true; done
}
trap stop_children EXIT INT TERM
$RUN stadtgespraeche worker --no-reload &
children+=($!)
echo "==> Background worker started (e-mails appear here)"
if [ -z "${BBB_URL:-}" ]; then
  port=${DEMO_BBB_PORT:-8090}
  (cd src && exec $RUN python -m tests.rooms.fake_bbb "$port" demo-secret) &
  children+=($!)
  export BBB_URL="http://127.0.0.1:$port/bigbluebutton/" BBB_SECRET=demo-secret
  echo "==> Fake BigBlueButton for the demo rooms: $BBB_URL"
fi
oparl_data=${SHARED_DATA_DIR:-../shared/data}
if [ "${DEMO_OPARL:-1}" != 0 ] && [ -d "$oparl_data/oparl" ]; then
  oparl_port=${DEMO_OPARL_PORT:-8766}
  $RUN python -m stadtgespraeche.oparl.fake_server --data "$oparl_data" --port "$oparl_port" \
    >/dev/null &
  children+=($!)
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$oparl_port") 2>/dev/null && break
    sleep 0.2
  done
  for system in huertgenwald/oparl/v1.0/system karlsruhe/oparl/system; do
    $RUN stadtgespraeche oparl_import --add "http://127.0.0.1:$oparl_port/$system" --background \
      || echo "==> OParl import of $system not queued (see above)"
  done
  echo "==> Council data: local OParl server on 127.0.0.1:$oparl_port, imports queued"
  echo "    (progress: http://127.0.0.1:8000/ratsinformation/)"
fi
$RUN stadtgespraeche runserver --insecure 127.0.0.1:8000
