package io.meshplate.render;

import com.sun.management.OperatingSystemMXBean;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.yaml.CanonicalYaml;
import io.meshplate.yaml.SourceMap;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: a rough timing of rendering N synthetic tenants into dev, stage and prod, including
 * canonical writing (in memory). Run from the project root:
 * {@code java -cp target/classes:target/test-classes:<deps> io.meshplate.render.RenderTiming 1000}.
 */
public final class RenderTiming {
  private RenderTiming() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Workspace workspace = TestTenants.project();
    List<Tenant> tenants = synthetic(count);
    for (int round = 1; round <= 3; round++) {
      long cpuStart = cpu();
      long start = System.nanoTime();
      RenderedTree tree = Renderer.freemarker().render(workspace, OverlayLoader.load(workspace), tenants, Set.of("dev", "stage", "prod"), Set.of());
      long rendered = System.nanoTime();
      long bytes = 0;
      long objects = 0;
      for (RenderedFile file : tree.files().values()) {
        bytes += CanonicalYaml.write(file).length();
        objects += file.objects().size();
      }
      long written = System.nanoTime();
      System.out.printf(Locale.ROOT,
          "round %d: %d tenants x 3 overlays: %d files, %d objects, %.1f MB; render+parse %.2f s, canonical write %.2f s, total %.2f s wall, %.2f s process CPU%n",
          round, count, tree.files().size(), objects, bytes / 1e6, (rendered - start) / 1e9,
          (written - rendered) / 1e9, (written - start) / 1e9, (cpu() - cpuStart) / 1e9);
    }
  }

  private static long cpu() {
    return ((OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static List<Tenant> synthetic(int count) {
    List<Tenant> tenants = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = "t" + i;
      String callee = "t" + ((i + 1) % count);
      String caller = "t" + ((i + count - 1) % count);
      TenantSpec.Service api = new TenantSpec.Service("api",
          List.of(new TenantSpec.Port("http", 8080, "HTTP")),
          List.of(new TenantSpec.AllowRule(new TenantSpec.Source(caller, "api", null), List.of("GET"), List.of("/v1/*")),
              new TenantSpec.AllowRule(new TenantSpec.Source(null, null, true), List.of(), List.of())));
      TenantSpec.Service worker = new TenantSpec.Service("worker",
          List.of(new TenantSpec.Port("grpc", 9090, "GRPC")),
          List.of(new TenantSpec.AllowRule(new TenantSpec.Source(name, "api", null), List.of(), List.of())));
      TenantSpec spec = new TenantSpec(List.of("@acme/" + name), List.of(), List.of(api, worker),
          List.of(new TenantSpec.ServiceRef(callee, "api")),
          List.of(new TenantSpec.EgressHost("api." + name + ".example.com", 443, i % 2 == 0 ? "originate" : "passthrough")),
          new TenantSpec.Ingress(i % 3 == 0 ? List.of(new TenantSpec.IngressHost(name, "api", null, List.of())) : List.of()),
          new TenantSpec.Telemetry("errors", new BigDecimal("1")), null);
      tenants.add(new Tenant(name, "tenants/" + name + ".yaml", spec, Map.of(), SourceMap.empty(name)));
    }
    return tenants;
  }
}
