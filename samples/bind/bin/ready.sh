#!/bin/bash
# READY_METHOD: exits 0 once named has loaded its zones and is serving them. named answers
# version.bind while still loading (SERVFAIL for the zones meanwhile); rndc answers only when it runs.
set -euo pipefail
rndc status 2>/dev/null | grep -q 'server is up and running'
