package io.meshplate.overlay;

import io.meshplate.testing.RecordEquality;
import io.meshplate.yaml.SourceMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An overlay and its chain, whose equals and hashCode are written out, equal and hash as their records would. */
class OverlayEqualityTest {
  private static final Overlay PROD = new Overlay("prod", "templates/overlays/prod/overlay.yaml",
      Path.of("templates/overlays/prod"), "stage", Map.of("meshVersion", "v1.26.2"), Map.of("env", "prod"),
      Map.of("owner", "platform"), List.of(Map.of("target", Map.of("kind", "Sidecar"))),
      SourceMap.empty("templates/overlays/prod/overlay.yaml"));
  private static final Overlay DEV = new Overlay("dev", "templates/overlays/dev/overlay.yaml",
      Path.of("templates/overlays/dev"), null, Map.of(), null, null, null, SourceMap.empty("templates/overlays/dev/overlay.yaml"));

  @Test
  void overlays() throws ReflectiveOperationException {
    RecordEquality.check(PROD, Map.of(Path.class, Path.of("elsewhere"), Map.class, Map.of("other", 1),
        Object.class, "another value", SourceMap.class, SourceMap.empty("another file")));
  }

  @Test
  void chains() throws ReflectiveOperationException {
    SortedMap<String, String> provenance = new TreeMap<>(Map.of("meshVersion", "templates/overlays/prod/overlay.yaml:3"));
    RecordEquality.check(new OverlayChain(List.of(PROD), Map.of("meshVersion", "v1.26.2"), provenance),
        Map.of(List.class, List.of(DEV), Map.class, Map.of("other", 1), SortedMap.class, new TreeMap<>(Map.of("a", "b"))));
  }
}
