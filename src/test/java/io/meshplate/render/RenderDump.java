package io.meshplate.render;

import io.meshplate.manifest.RenderedTree;
import io.meshplate.yaml.CanonicalYaml;
import java.util.Set;

/** Scratch: prints the whole rendered tree of the example tenants. */
final class RenderDump {
  public static void main(String[] args) {
    var ws = TestTenants.project();
    RenderedTree tree = Renderer.freemarker().render(ws, TestTenants.load(ws), Set.of(), Set.of());
    tree.files().forEach((path, file) -> System.out.print("# --- " + path + " ---\n" + CanonicalYaml.write(file)));
  }
}
