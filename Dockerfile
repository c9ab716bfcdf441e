# The same image as `./mvnw -Pimage -pl server -am package` (Jib), for building where a Docker
# engine or BuildKit is at hand:  docker build -t selam:0.1.0 .
#   --build-arg BASE_IMAGE=...  another Java 21+ runtime image (the Jib property is
#   selam.image.base).
ARG BASE_IMAGE=eclipse-temurin:21-jre
ARG BUILD_IMAGE=eclipse-temurin:21-jdk

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl server -am package

FROM ${BASE_IMAGE}
COPY --from=build /src/server/target/selam.jar /app/selam.jar
# Not root (the uid the Kubernetes manifests run as); /data is the only place it writes besides
# /tmp, so the root file system can be mounted read-only.
RUN mkdir -p /data && chown 10001:10001 /data && chmod 700 /data
ENV SELAM_DATA_DIR=/data \
    SELAM_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
VOLUME /data
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/selam.jar"]
CMD ["serve"]
