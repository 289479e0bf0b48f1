# Shortcuts for people who have make; the scripts are the real commands (a fresh machine may
# not have make yet: scripts/demo.sh and scripts/test.sh install it).
.PHONY: demo test bench docs deps

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

docs:
	cmake -S . -B build >/dev/null && cmake --build build --target docs

deps:
	scripts/install-deps.sh
