# elastic-ingest in a container, used the way Elastic's image is:
#
#   docker build -t connectors-cpp .
#   docker run -v ~/connectors-config:/config --network elastic connectors-cpp \
#     elastic-ingest -c /config/config.yml
#
# The build stage installs with scripts/install-deps.sh and runs `make build`, exactly as CI
# does, so the image cannot drift from what CI tests. The runtime stage has only the binary
# and the shared libraries it needs, and runs as an unprivileged user.

FROM debian:12 AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN scripts/install-deps.sh
COPY . .
RUN make build BUILD_DIR=/src/build

FROM debian:12 AS runtime
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh
COPY --from=build /src/build/connector/elastic-ingest /usr/local/bin/elastic-ingest
COPY config.yml.example /app/config.yml.example
# Elastic's image keeps the binary at /app/bin/elastic-ingest; scripts written for it work too.
RUN mkdir -p /app/bin /config && ln -s /usr/local/bin/elastic-ingest /app/bin/elastic-ingest \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin connectors \
 && chown connectors /app
USER connectors
WORKDIR /app
CMD ["elastic-ingest", "-c", "/config/config.yml"]
