# syntax=docker/dockerfile:1
#
# One image recipe for all five services, the console and the payment provider simulator (MODULE is required,
# PORT is the service's port):
#   docker build --build-arg MODULE=order-service --build-arg PORT=8080 -t checkout/order-service .
# Why one file and not five: the services share one Maven reactor, one parent pom and one way to
# run a Boot jar, so one parameterised file keeps their images alike (same JRE, user, JVM flags and
# health check) where five copies would drift. docker-compose.yml passes MODULE and PORT per service.

ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble

FROM ${JDK_IMAGE} AS build
# All five services, the console and the payment provider simulator by default. This stage does not depend on
# MODULE, so when compose builds the images BuildKit runs it once and shares it; narrow it with --build-arg MODULES=<module>.
ARG MODULES=payment-provider,order-service,outbox-relay,email-service,inventory-service,analytics-service,console
WORKDIR /workspace
# The whole reactor is copied (minus what .dockerignore drops): Maven needs every module's pom
# even when it builds some modules with -pl, and -am builds the modules they depend on.
COPY . .
# The cache mount keeps ~/.m2 (dependencies and the Maven distribution the wrapper downloads)
# between builds without putting it into any layer; "locked" because Maven's local repository
# is not safe for two builds writing at once.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -pl "${MODULES}" -am -DskipTests package

FROM ${JDK_IMAGE} AS extract
ARG MODULE
WORKDIR /workspace
# The root pom gives the runnable jar the classifier "exec" (the plain jar stays the module's artifact).
COPY --from=build /workspace/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar application.jar
# Split the runnable jar into Boot's layers (dependencies, spring-boot-loader, snapshot-dependencies,
# application) so a code change rebuilds only the small last layer of the run image.
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 checkout \
 && useradd --system --uid 10001 --gid checkout --no-create-home --shell /usr/sbin/nologin checkout
COPY --chmod=755 docker/readiness-check.sh /usr/local/bin/readiness-check
WORKDIR /application
# Least to most often changed, so a rebuild after a code change reuses the first layers.
COPY --from=extract /workspace/extracted/dependencies/ ./
COPY --from=extract /workspace/extracted/spring-boot-loader/ ./
COPY --from=extract /workspace/extracted/snapshot-dependencies/ ./
COPY --from=extract /workspace/extracted/application/ ./
# Numeric, so Kubernetes can verify runAsNonRoot without looking the name up.
USER 10001:10001

ARG MODULE
ARG PORT=8080
LABEL org.opencontainers.image.title="${MODULE}"
# server.port through relaxed binding: the port the service listens on, the one EXPOSEd and the one
# the health check calls are the same number.
ENV SERVER_PORT=${PORT}
EXPOSE ${PORT}
# docker-compose.yml names the same check with its own timings; Kubernetes uses httpGet probes.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["readiness-check"]
# The heap follows the container's memory limit; an OutOfMemoryError ends the process so the
# orchestrator restarts it instead of leaving a half-working JVM behind.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
