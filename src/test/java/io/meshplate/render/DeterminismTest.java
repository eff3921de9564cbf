package io.meshplate.render;

import io.meshplate.overlay.OverlayLoader;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.yaml.CanonicalYaml;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final Workspace PROJECT = TestTenants.project();

  private static String renderAll() {
    RenderedTree tree = Renderer.freemarker().render(PROJECT, OverlayLoader.load(PROJECT), TestTenants.load(PROJECT), Set.of(), Set.of());
    StringBuilder sb = new StringBuilder();
    tree.files().forEach((path, file) -> sb.append(path).append('\n').append(CanonicalYaml.write(file)));
    return sb.toString();
  }

  @Test
  void renderingTwiceGivesIdenticalBytes() {
    assertThat(renderAll()).isEqualTo(renderAll());
  }

  @Test
  void defaultLocaleAndTimeZoneDoNotChangeOutput() {
    String reference = renderAll();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertThat(renderAll()).isEqualTo(reference);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }
}
