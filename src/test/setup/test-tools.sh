#!/usr/bin/env bash
# Shared by the test-tool installers that Maven runs in the process-test-classes phase (after test-compile, so
# `mvn spring-boot:run`, which forks the lifecycle only up to test-compile, never runs them).

# Returns 0 when Maven said to skip the tests: the installers get "${skipTests}" "${maven.test.skip}" as arguments,
# and an unset property arrives as the literal text "${...}".
tests_skipped() {
    local flag
    for flag in "$@"; do
        if [[ "$flag" == "true" ]]; then
            return 0
        fi
    done
    return 1
}

# apt_install WHAT PACKAGE...: installs Debian packages as root or with password-less sudo. When neither is possible
# it says so and returns 1; the tests that need WHAT then skip (or fail on CI, where CI=true).
apt_install() {
    local what="$1"
    shift
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "test-tools: apt-get not found; install $* by hand ($what tests will skip)" >&2
        return 1
    fi
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            echo "test-tools: not root and no password-less sudo; install $* by hand ($what tests will skip)" >&2
            return 1
        fi
    fi
    echo "test-tools: installing $* with apt-get for the $what tests"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q && $sudo apt-get install -y -q --no-install-recommends "$@"
}
