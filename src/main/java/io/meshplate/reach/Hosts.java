package io.meshplate.reach;

import java.util.List;
import java.util.Locale;

/** Istio host and {@code exportTo} matching. */
final class Hosts {
  private Hosts() {}

  /**
   * Whether a configured host ({@code api.example.com}, {@code *.example.com}, {@code *}) covers
   * {@code host}; a short name is relative to {@code namespace}
   * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService).
   */
  static boolean covers(String pattern, String namespace, String host) {
    String p = lower(pattern);
    String h = lower(host);
    if (p.equals("*")) {
      return true;
    }
    if (p.startsWith("*.")) {
      return h.endsWith(p.substring(1));
    }
    if (!p.contains(".") && namespace != null) {
      p = p + "." + namespace + ".svc.cluster.local";
    }
    return p.equals(h);
  }

  /**
   * {@code text} in lower case; the same string when it has nothing to lower, found by a plain
   * scan (host names are compared for every sample request of every flow, and are lower case;
   * the sample hosts hold {@link ProbeSpace#OTHER}, which has no lower case of its own).
   */
  static String lower(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z'
          || c >= 0x80 && (Character.isSurrogate(c) || Character.toLowerCase(c) != c)) {
        return text.toLowerCase(Locale.ROOT);
      }
    }
    return text;
  }

  /**
   * Whether an object in {@code owner} with {@code exportTo} is visible in {@code namespace}:
   * {@code *} everywhere, {@code .} its own namespace, {@code ~} nowhere, else the names listed
   * (https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-export_to).
   */
  static boolean exported(List<String> exportTo, String owner, String namespace) {
    for (String e : exportTo) {
      if (e.equals("*") || e.equals(".") && owner.equals(namespace) || e.equals(namespace)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a Sidecar egress host {@code namespace/dnsName} admits {@code host} defined in
   * {@code hostNamespace}, for a proxy in {@code proxyNamespace}: namespace {@code .} is the
   * proxy's own, {@code *} any, {@code ~} none (https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener).
   */
  static boolean sidecarAdmits(String entry, String proxyNamespace, String hostNamespace, String host) {
    int slash = entry.indexOf('/');
    String ns = slash < 0 ? "*" : entry.substring(0, slash);
    String dns = slash < 0 ? entry : entry.substring(slash + 1);
    boolean nsOk = ns.equals("*") || ns.equals(".") && proxyNamespace.equals(hostNamespace) || ns.equals(hostNamespace);
    return nsOk && covers(dns, null, host);
  }
}
