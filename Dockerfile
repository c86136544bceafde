# syntax=docker/dockerfile:1
# Build: docker build -t detection-hub .   (docs/operations.md: volumes, PostgreSQL, several instances)
# Run:   docker run -p 8080:8080 -v detectionhub-data:/data detection-hub
# PostgreSQL instead of the embedded H2: -e SPRING_PROFILES_ACTIVE=postgres -e DETECTIONHUB_DB_URL=jdbc:postgresql://db:5432/detectionhub
#        -e DETECTIONHUB_DB_USER=... -e DETECTIONHUB_DB_PASSWORD=...

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -Dexec.skip=true || true
COPY src src
COPY db db
COPY frontend-templates frontend-templates
# Tests run in CI (mvn -B verify). -DskipTests also skips the test-tool installs (Node, Chromium, bound to
# process-test-classes); -Dexec.skip=true makes sure of it.
RUN mvn -B -q package -DskipTests -Dexec.skip=true \
    && cp target/detection-hub-*.jar /build/app.jar

FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 10001 detectionhub \
    && useradd --system --uid 10001 --gid detectionhub --home-dir /app --shell /usr/sbin/nologin detectionhub \
    && mkdir -p /app /data \
    && chown detectionhub:detectionhub /data
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
ENV DETECTIONHUB_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME ["/data"]
EXPOSE 8080
USER detectionhub
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
