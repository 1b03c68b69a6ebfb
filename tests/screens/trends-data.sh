# trends-data.sh - imports fixtures/trends.csv (1 Dec 2025 to 15 Mar 2026, every ninth day and
# 9-15 Feb 2026 missing) for the Trends screen tests, sourced by their NAME.setup files.
set -eu
"$GUTSKIN" import fixtures/trends.csv
