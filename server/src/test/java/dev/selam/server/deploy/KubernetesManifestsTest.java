package dev.selam.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.selam.bot.telegram.TelegramChannel;
import dev.selam.bot.telegram.TelegramSettings;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.crypto.Keys;
import dev.selam.core.storage.DatabaseSettings;
import dev.selam.server.cluster.ClusterSettings;
import dev.selam.server.http.HttpSettings;
import dev.selam.server.http.OperationsRoutes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders both overlays with kustomize and checks, object by object, that they fit the service as
 * the code defines it: ports, probe paths, settings' names, secrets only from Secret objects, no
 * root, limits everywhere, and replica counts that availability rules cannot contradict.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Path.of(System.getProperty("selam.repo.root", ".."), "k8s");
  // What must never appear as a literal in a manifest: keys, tokens, passwords.
  private static final Set<String> SECRET_SETTINGS =
      Set.of(
          Keys.DATA_KEYS,
          Keys.PSEUDONYM_KEY,
          TelegramSettings.TOKEN,
          TelegramSettings.WEBHOOK_SECRET,
          DatabaseSettings.PASSWORD);
  private static final HttpSettings HTTP_DEFAULTS = HttpSettings.from(Settings.of(Map.of()));
  private static final ClusterSettings CLUSTER_DEFAULTS =
      ClusterSettings.from(Settings.of(Map.of()));

  private static RenderedManifests single;
  private static RenderedManifests production;
  private static Secret secretTemplate;

  @BeforeAll
  static void render() throws Exception {
    var renderer = RenderedManifests.renderer();
    if (renderer.isEmpty()) {
      // CI installs kubectl (.ci/run): there a missing renderer is a failure, not a skip.
      assertThat(System.getenv("CI"))
          .as("kubectl or kustomize on the PATH in CI")
          .isNotEqualTo("true");
      assumeTrue(false, "kubectl or kustomize not installed: manifests not rendered");
    }
    single = RenderedManifests.render(renderer.get(), K8S.resolve("overlays/single"));
    production = RenderedManifests.render(renderer.get(), K8S.resolve("overlays/production"));
    secretTemplate =
        RenderedManifests.parse(Files.readString(K8S.resolve("base/secret.template.yaml")))
            .one(Secret.class);
  }

  @Test
  void bothOverlaysServeOnTheServicePortWithTheServiceProbePaths() {
    for (RenderedManifests overlay : List.of(single, production)) {
      Deployment deployment = overlay.one(Deployment.class);
      Container selam = container(deployment);
      Map<String, String> config = overlay.one(ConfigMap.class).getData();
      int port =
          Integer.parseInt(
              config.getOrDefault(HttpSettings.PORT, String.valueOf(HTTP_DEFAULTS.port())));
      assertThat(port).isEqualTo(HTTP_DEFAULTS.port());
      assertThat(portNamed(selam, "http").getContainerPort()).isEqualTo(port);

      assertThat(probePath(selam, selam.getLivenessProbe()))
          .isEqualTo(OperationsRoutes.HEALTH_PATH);
      assertThat(probePath(selam, selam.getStartupProbe())).isEqualTo(OperationsRoutes.HEALTH_PATH);
      assertThat(probePath(selam, selam.getReadinessProbe()))
          .isEqualTo(OperationsRoutes.READY_PATH);
      assertThat(probePort(selam, selam.getLivenessProbe())).isEqualTo(port);
      assertThat(probePort(selam, selam.getReadinessProbe())).isEqualTo(port);

      Map<String, String> scrape =
          deployment.getSpec().getTemplate().getMetadata().getAnnotations();
      assertThat(scrape)
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", String.valueOf(port))
          .containsEntry("prometheus.io/path", OperationsRoutes.METRICS_PATH);

      Service service = overlay.named(Service.class, "selam");
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector());
      for (ServicePort servicePort : service.getSpec().getPorts()) {
        assertThat(resolve(selam, servicePort.getTargetPort())).isEqualTo(port);
      }
    }
  }

  @Test
  void ingressTerminatesTlsForConsoleChatAndWebhookOnTheService() {
    for (RenderedManifests overlay : List.of(single, production)) {
      Ingress ingress = overlay.one(Ingress.class);
      assertThat(ingress.getSpec().getTls()).isNotEmpty();
      assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isNotBlank();
      List<HTTPIngressPath> paths =
          ingress.getSpec().getRules().stream()
              .flatMap(rule -> rule.getHttp().getPaths().stream())
              .toList();
      assertThat(paths)
          .extracting(HTTPIngressPath::getPath)
          .contains("/", "/chat", TelegramChannel.WEBHOOK_PATH);
      Service service = overlay.named(Service.class, "selam");
      Set<String> servicePorts =
          service.getSpec().getPorts().stream()
              .map(ServicePort::getName)
              .collect(Collectors.toSet());
      for (HTTPIngressPath path : paths) {
        assertThat(path.getBackend().getService().getName()).isEqualTo("selam");
        assertThat(servicePorts).contains(path.getBackend().getService().getPort().getName());
      }
    }
  }

  @Test
  void noContainerRunsAsRootOrWritesOutsideItsVolumes() {
    for (RenderedManifests overlay : List.of(single, production)) {
      PodSpec pod = overlay.one(Deployment.class).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
      for (Container container : containers(pod)) {
        var security = container.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        // The pod's non-root user holds unless a container overrides it.
        Long user = security.getRunAsUser();
        assertThat(user == null || user > 0).as("container's own user is not root").isTrue();
        assertThat(Boolean.FALSE.equals(security.getRunAsNonRoot())).isFalse();
        assertThat(security.getCapabilities().getDrop()).contains("ALL");
        Set<String> mounts =
            container.getVolumeMounts().stream()
                .map(m -> m.getMountPath())
                .collect(Collectors.toSet());
        String dataDir = overlay.one(ConfigMap.class).getData().get(DataDirectory.SETTING);
        assertThat(mounts).contains(dataDir, "/tmp");
      }
    }
  }

  @Test
  void everyContainerHasRequestsAndLimits() {
    for (RenderedManifests overlay : List.of(single, production)) {
      for (Container container :
          containers(overlay.one(Deployment.class).getSpec().getTemplate().getSpec())) {
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void secretsComeOnlyFromSecretObjectsAndTheTemplateHoldsPlaceholders() {
    for (RenderedManifests overlay : List.of(single, production)) {
      // Applying the overlay never writes a Secret: real values are created outside Git.
      assertThat(overlay.all(Secret.class)).isEmpty();
      assertThat(overlay.one(ConfigMap.class).getData())
          .doesNotContainKeys(SECRET_SETTINGS.toArray(String[]::new));
      Container selam = container(overlay.one(Deployment.class));
      for (EnvVar env : selam.getEnv()) {
        if (SECRET_SETTINGS.contains(env.getName())
            || env.getName().equals(DatabaseSettings.USER)) {
          assertThat(env.getValue()).as(env.getName()).isNull();
          assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
        }
        var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
        if (ref != null && ref.getName().equals(secretTemplate.getMetadata().getName())) {
          assertThat(secretTemplate.getStringData()).containsKey(ref.getKey());
        }
      }
    }
    assertThat(secretTemplate.getStringData().values()).allMatch(v -> v.contains("REPLACE"));
  }

  @Test
  void singleRunsOneReplicaOnAPersistentVolumeNeverTwoAtOnce() {
    Deployment deployment = single.one(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    String claim =
        deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("data"))
            .findFirst()
            .orElseThrow()
            .getPersistentVolumeClaim()
            .getClaimName();
    assertThat(single.all(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(claim);
    assertThat(single.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(single.one(ConfigMap.class).getData()).doesNotContainKey(ClusterSettings.MODE);
  }

  @Test
  void productionReplicasPdbAndAutoscalerAgree() {
    Deployment deployment = production.one(Deployment.class);
    int replicas = deployment.getSpec().getReplicas();
    PodDisruptionBudget pdb = production.one(PodDisruptionBudget.class);
    HorizontalPodAutoscaler hpa = production.one(HorizontalPodAutoscaler.class);
    int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();

    assertThat(replicas).isGreaterThanOrEqualTo(2);
    assertThat(minAvailable).isLessThan(replicas);
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(minAvailable + 1);
    assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(replicas);
    assertThat(hpa.getSpec().getMaxReplicas())
        .isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(deployment.getMetadata().getName());
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    var antiAffinity =
        deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())
        .anySatisfy(
            term -> {
              assertThat(term.getPodAffinityTerm().getTopologyKey())
                  .isEqualTo("kubernetes.io/hostname");
              assertThat(podLabels)
                  .containsAllEntriesOf(
                      term.getPodAffinityTerm().getLabelSelector().getMatchLabels());
            });
  }

  @Test
  void productionUsesPostgresqlAndAClusterTheReplicasCanFormInsideTheNetworkPolicy() {
    Map<String, String> config = production.one(ConfigMap.class).getData();
    Map<String, String> settings = new HashMap<>(config);
    settings.put(ClusterSettings.HOST, "10.0.0.1"); // from the pod's IP at run time
    ClusterSettings cluster = ClusterSettings.from(Settings.of(settings));
    assertThat(cluster.clustered()).isTrue();
    assertThat(config.get(DatabaseSettings.URL)).startsWith("jdbc:postgresql://");

    var postgres = production.custom("Cluster");
    assertThat(postgres).hasSize(1);
    String dbHost = config.get(DatabaseSettings.URL).split("/")[2].split(":")[0];
    assertThat(dbHost).isEqualTo(postgres.get(0).getMetadata().getName() + "-rw");

    Deployment deployment = production.one(Deployment.class);
    Container selam = container(deployment);
    assertThat(portNamed(selam, "hazelcast").getContainerPort()).isEqualTo(cluster.port());
    assertThat(portNamed(selam, "event-bus").getContainerPort()).isEqualTo(cluster.busPort());
    assertThat(selam.getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo(ClusterSettings.HOST);
              assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
            });

    Service headless = production.named(Service.class, "selam-hazelcast");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(cluster.kubernetesServiceDns())
        .hasValue(
            "selam-hazelcast." + headless.getMetadata().getNamespace() + ".svc.cluster.local");
    for (ServicePort port : headless.getSpec().getPorts()) {
      assertThat(resolve(selam, port.getTargetPort())).isIn(cluster.port(), cluster.busPort());
    }

    NetworkPolicy policy = production.one(NetworkPolicy.class);
    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
    Set<Integer> inbound =
        policy.getSpec().getIngress().stream()
            .flatMap(rule -> rule.getPorts().stream())
            .map(p -> resolve(selam, p.getPort()))
            .collect(Collectors.toSet());
    assertThat(inbound)
        .containsExactlyInAnyOrder(HTTP_DEFAULTS.port(), cluster.port(), cluster.busPort());
    Set<Integer> outbound =
        policy.getSpec().getEgress().stream()
            .flatMap(rule -> rule.getPorts().stream())
            .map(NetworkPolicyPort::getPort)
            .map(IntOrString::getIntVal)
            .collect(Collectors.toSet());
    assertThat(outbound)
        .containsExactlyInAnyOrder(5432, 53, 443, cluster.port(), cluster.busPort());
    assertThat(CLUSTER_DEFAULTS.clustered()).isFalse();
  }

  private static Container container(Deployment deployment) {
    List<Container> containers = containers(deployment.getSpec().getTemplate().getSpec());
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static List<Container> containers(PodSpec pod) {
    return java.util.stream.Stream.concat(
            pod.getContainers().stream(), pod.getInitContainers().stream())
        .toList();
  }

  private static ContainerPort portNamed(Container container, String name) {
    return container.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + name));
  }

  private static String probePath(Container container, Probe probe) {
    assertThat(probe).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    return get.getPath();
  }

  private static int probePort(Container container, Probe probe) {
    return resolve(container, probe.getHttpGet().getPort());
  }

  /** A port given by number or by the name of a container port. */
  private static int resolve(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return portNamed(container, port.getStrVal()).getContainerPort();
  }
}
