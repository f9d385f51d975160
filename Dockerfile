# dlmc in a container: the image a Kubernetes Job runs one sweep cell in (docs/sweeps.md).
#
#   docker build -t dlmc:0.1.0 .
#   docker run --rm -v "$PWD/runs:/dlm/runs" dlmc:0.1.0 run models/mlp.dlm
#
# Not built by the project's CI: its machines reach no container registry. Two stages on
# stock images: Maven on JDK 17 packages dlmc.jar and its lib/ (TensorFlow's natives for
# linux-x86_64 included), then a plain JRE 17 runs it. The book's models are copied in so
# `dlmc sweep models/tables/...` works without a volume; built-in MNIST is inside the jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
COPY --from=build /src/cli/target/dlmc.jar /opt/dlmc/dlmc.jar
COPY --from=build /src/cli/target/lib/ /opt/dlmc/lib/
COPY models/ /dlm/models/
WORKDIR /dlm
# TensorFlow's native INFO lines are noise in a pod's log, as the launcher script hides them.
ENV TF_CPP_MIN_LOG_LEVEL=2
# Each TensorFlow session on an intra-op pool of its own size, as the launcher script sets it
# (runtime's NativeSettings): a sweep's cells then do not share the first cell's pool.
ENV TF_OVERRIDE_GLOBAL_THREADPOOL=1
ENTRYPOINT ["java", "-jar", "/opt/dlmc/dlmc.jar"]
CMD ["--help"]
