package dev.selam.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.selam.core.cluster.Lease;
import dev.selam.core.config.ConfigException;
import dev.selam.core.storage.DatabaseSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance or one of many: builds the Vert.x instance (its event bus clustered over Hazelcast
 * when {@code SELAM_CLUSTER=hazelcast}) and the lease for the work only one of them may do.
 */
public final class ClusterWiring {
  private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);
  private static final String CLUSTER_NAME = "selam";

  private ClusterWiring() {}

  /**
   * Checks what can be checked before anything starts: replicas share their state through
   * PostgreSQL, so a cluster over the embedded database is a configuration error.
   */
  public static void check(ClusterSettings cluster, DatabaseSettings database) {
    if (cluster.clustered() && database.kind() != DatabaseSettings.Kind.POSTGRESQL) {
      throw new ConfigException(
          ClusterSettings.MODE,
          "hazelcast needs PostgreSQL ("
              + DatabaseSettings.URL
              + "): replicas share their state"
              + " there, and the embedded database is one process's file");
    }
  }

  /** A plain Vert.x instance, or one that has joined the cluster (blocks until it has). */
  public static Vertx vertx(ClusterSettings cluster, VertxOptions options, VertxBuilder builder) {
    if (!cluster.clustered()) {
      return builder.with(options).build();
    }
    options
        .getEventBusOptions()
        .setHost(cluster.host())
        .setPort(cluster.busPort())
        .setClusterPublicHost(cluster.host());
    Vertx vertx =
        builder
            .with(options)
            .withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
            .buildClustered()
            .await();
    log.atInfo()
        .addKeyValue("event", "cluster.joined")
        .addKeyValue("host", cluster.host())
        .addKeyValue("port", cluster.port())
        .log("joined the cluster");
    return vertx;
  }

  /** Always held by a single instance; an advisory lock in PostgreSQL among replicas. */
  public static Lease lease(Vertx vertx, ClusterSettings cluster, DatabaseSettings database) {
    return cluster.clustered() ? AdvisoryLockLease.start(vertx, database) : Lease.always();
  }

  static Config hazelcast(ClusterSettings cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false"); // nothing leaves but our traffic
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // Vert.x leaves the cluster
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    // A killed member is dropped within seconds, not Hazelcast's default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.kubernetesServiceDns().isPresent()) {
      // DNS lookup of a headless Service: no Kubernetes API access, so no RBAC to grant.
      join.getKubernetesConfig()
          .setEnabled(true)
          .setProperty("service-dns", cluster.kubernetesServiceDns().get())
          .setProperty("service-port", String.valueOf(cluster.port()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }
}
