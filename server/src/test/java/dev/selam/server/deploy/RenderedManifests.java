package dev.selam.server.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The objects an overlay renders to, parsed into fabric8's Kubernetes model. Rendering is
 * kustomize's own, through {@code kubectl kustomize} (or a {@code kustomize} binary) on the PATH.
 */
record RenderedManifests(List<HasMetadata> objects) {
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "apps/v1/Deployment", Deployment.class,
          "v1/Service", Service.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
          "networking.k8s.io/v1/Ingress", Ingress.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

  /** The command that renders a kustomization, or empty when no renderer is installed. */
  static Optional<List<String>> renderer() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
      }
      if (Files.isExecutable(Path.of(dir, "kustomize"))) {
        return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
      }
    }
    return Optional.empty();
  }

  static RenderedManifests render(List<String> renderer, Path kustomization)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(renderer);
    command.add(kustomization.toString());
    Path errors = Files.createTempFile("kustomize", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectError(errors.toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "kustomize failed for " + kustomization + ": " + Files.readString(errors));
    }
    Files.deleteIfExists(errors);
    return parse(yaml);
  }

  static RenderedManifests parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (values.hasNext()) {
        JsonNode node = values.next();
        if (node == null || node.isNull() || node.isEmpty()) {
          continue;
        }
        String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        Class<? extends HasMetadata> type =
            KINDS.getOrDefault(key, GenericKubernetesResource.class);
        HasMetadata object = YAML.treeToValue(node, type);
        if (!(object instanceof GenericKubernetesResource)) {
          List<String> unknown = new ArrayList<>();
          unknownFields(object, key + " " + object.getMetadata().getName(), unknown);
          if (!unknown.isEmpty()) {
            throw new IllegalStateException("fields Kubernetes does not know: " + unknown);
          }
        }
        objects.add(object);
      }
    }
    return new RenderedManifests(objects);
  }

  /**
   * fabric8 keeps fields it does not know aside instead of failing: a misspelt field (say {@code
   * readOnlyRootFileSystem}) would be silently ignored by Kubernetes too, so it is an error here.
   */
  private static void unknownFields(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, found));
      return;
    }
    if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method method : value.getClass().getMethods()) {
      if (method.getParameterCount() != 0
          || !method.getName().startsWith("get")
          || method.getDeclaringClass() == Object.class) {
        continue;
      }
      try {
        Object child = method.invoke(value);
        if (method.getName().equals("getAdditionalProperties")) {
          if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
            found.add(path + " " + extra.keySet());
          }
        } else {
          unknownFields(child, path + "." + method.getName().substring(3), found);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  List<GenericKubernetesResource> custom(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }
}
