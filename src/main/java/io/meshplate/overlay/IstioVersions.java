package io.meshplate.overlay;

/**
 * Orders Istio versions and minors ({@code v1.24.6}, {@code 1.24}, {@code v1.24-latest}) part by
 * part, numerically where both parts are numbers: the one comparison of versions in meshplate.
 */
public final class IstioVersions {
  private IstioVersions() {}

  /** Negative when {@code a} is older than {@code b}, zero when equal or either is null. */
  public static int compare(String a, String b) {
    if (a == null || b == null) {
      return 0;
    }
    String[] x = a.replaceFirst("^v", "").split("[.-]");
    String[] y = b.replaceFirst("^v", "").split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("[0-9]+") && y[i].matches("[0-9]+")
          ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
