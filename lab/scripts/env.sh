# Source this file: the environment Testcontainers needs to talk to the local podman service.
# DOCKER_HOST: podman's Docker-compatible API socket (started by podman-setup.sh).
# TESTCONTAINERS_RYUK_DISABLED: the ryuk image cannot be pulled; the lab labels its containers
#   (plk.lab=<name>) and `lab.sh down` removes them instead.
# TESTCONTAINERS_HOST_OVERRIDE: /.dockerenv exists on these machines, so Testcontainers would
#   otherwise guess the bridge gateway and mapped ports would time out.
export DOCKER_HOST="${DOCKER_HOST:-unix:///run/podman/podman.sock}"
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
