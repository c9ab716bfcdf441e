package dev.selam.console.dashboard;

import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The supervisors' dashboard and its anonymised CSV export (the export is audited). */
public final class DashboardRoutes {
  private static final int DEFAULT_DAYS = 30;

  private final Statistics statistics;
  private final AuditLog audit;

  public DashboardRoutes(Statistics statistics, AuditLog audit) {
    this.statistics = statistics;
    this.audit = audit;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of("getDashboard", this::dashboard, "exportStatistics", this::export);
  }

  private void dashboard(RoutingContext ctx) {
    statistics
        .dashboard(days(ctx))
        .onFailure(ctx::fail)
        .onSuccess(figures -> ApiReply.ok(ctx, figures));
  }

  private void export(RoutingContext ctx) {
    int days = days(ctx);
    statistics
        .csv(days)
        .compose(
            csv ->
                audit
                    .append(
                        AuditEntry.of(StaffSession.of(ctx).username(), "statistics.exported", null)
                            .with("days", days))
                    .map(csv))
        .onFailure(ctx::fail)
        .onSuccess(
            csv ->
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition", "attachment; filename=\"selam-statistics.csv\"")
                    .end(csv));
  }

  private static int days(RoutingContext ctx) {
    Long days = ApiRequest.queryLong(ctx, "days");
    return days == null ? DEFAULT_DAYS : days.intValue();
  }
}
