package io.meshplate.reach;

import java.util.List;

/**
 * A group of requests a flow lets through: methods, paths and hosts (each list empty for "any";
 * {@code exceptPaths} lists what "any path" leaves out).
 * Paths and hosts read like AuthorizationPolicy patterns: {@code /v1/*} is every path under
 * {@code /v1/}; {@code *} alone stands for the paths no listed pattern covers. On a TCP port the
 * unit is the connection.
 */
public record Requests(List<String> methods, List<String> paths, List<String> exceptPaths, List<String> hosts) {
  static final Requests ANY = new Requests(List.of(), List.of(), List.of(), List.of());
  static final Requests CONNECTION = new Requests(List.of("(tcp)"), List.of(), List.of(), List.of());

  public Requests {
    methods = List.copyOf(methods);
    paths = List.copyOf(paths);
    exceptPaths = List.copyOf(exceptPaths);
    hosts = List.copyOf(hosts);
  }

  // Written out, as Ref's are: a record's generated equals and hashCode go through method handles,
  // linked on the first call and slow under the quick compiler.
  @Override
  public boolean equals(Object other) {
    return other instanceof Requests r && methods.equals(r.methods) && paths.equals(r.paths)
        && exceptPaths.equals(r.exceptPaths) && hosts.equals(r.hosts);
  }

  @Override
  public int hashCode() {
    return ((methods.hashCode() * 31 + paths.hashCode()) * 31 + exceptPaths.hashCode()) * 31 + hosts.hashCode();
  }

  /** {@code GET, POST /v1/payments, /v1/payments/*} or {@code any request}. */
  public String display() {
    if (isConnection()) {
      return "any connection";
    }
    if (methods.isEmpty() && paths.isEmpty() && hosts.isEmpty()) {
      return "any request";
    }
    StringBuilder sb = new StringBuilder(methods.isEmpty() ? "any method" : String.join(", ", methods));
    if (!exceptPaths.isEmpty()) {
      sb.append(" any path except ").append(String.join(", ", exceptPaths));
    } else {
      sb.append(' ').append(paths.isEmpty() ? "any path" : String.join(", ", paths));
    }
    if (!hosts.isEmpty()) {
      sb.append(" host ").append(String.join(", ", hosts));
    }
    return sb.toString();
  }

  /** Equal to {@link #CONNECTION}, compared field by field: asked for every line of a table. */
  private boolean isConnection() {
    return methods.size() == 1 && methods.get(0).equals("(tcp)") && paths.isEmpty() && exceptPaths.isEmpty()
        && hosts.isEmpty();
  }
}
