#!/usr/bin/env bash
# Container health check: is this Spring Boot service ready (GET /actuator/health/readiness -> 200)?
# The Temurin 25 JRE image ships neither curl nor wget, so this speaks HTTP/1.0 over bash's /dev/tcp.
# Readiness answers 200 when UP and 503 when DOWN or OUT_OF_SERVICE; anything else fails the check.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 2 status_line <&3
[[ "${status_line}" =~ ^HTTP/[0-9.]+\ 200 ]]
