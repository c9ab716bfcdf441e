package dev.selam.core.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * JDBC connections for the Vert.x pool that return to auto-commit after a transaction.
 *
 * <p>vertx-jdbc-client 5.0.10 ends every commit and rollback with {@code setAutoCommit(false)}
 * (vert-x3/vertx-jdbc-client#356, fixed after 5.0.10). A pooled connection then runs every later
 * statement outside {@code withTransaction} in a silent transaction nobody commits: the write
 * reports success, stays invisible to other connections, holds its locks, and is lost with the next
 * rollback on that connection. Here the {@code setAutoCommit(false)} that directly follows a commit
 * or rollback becomes {@code setAutoCommit(true)}. Remove this class when the client is fixed.
 */
final class AutoCommitRestoringDataSource implements DataSource {
  private final String url;
  private final String user;
  private final String password;

  AutoCommitRestoringDataSource(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return restoring(DriverManager.getConnection(url, user, password));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return restoring(DriverManager.getConnection(url, username, password));
  }

  static Connection restoring(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            AutoCommitRestoringDataSource.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Restoring(connection));
  }

  private static final class Restoring implements InvocationHandler {
    private final Connection target;
    private boolean justEnded;

    Restoring(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArgs = args == null || args.length == 0;
      if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0]) && justEnded) {
        justEnded = false;
        target.setAutoCommit(true);
        return null;
      }
      if (name.equals("unwrap") && Connection.class.equals(args[0])) {
        return target;
      }
      try {
        Object result = method.invoke(target, args);
        justEnded = noArgs && (name.equals("commit") || name.equals("rollback"));
        return result;
      } catch (InvocationTargetException e) {
        justEnded = false;
        throw e.getCause();
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    DriverManager.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
