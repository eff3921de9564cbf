package io.meshplate;

import java.nio.file.Path;

/**
 * The folders of a meshplate source repository, all resolved against one root (DESIGN §2).
 * Every path a command touches comes from here, so {@code --root} moves all of them at once.
 */
public record Workspace(Path root) {

  public Workspace {
    root = root.toAbsolutePath().normalize();
  }

  public Path tenants() {
    return root.resolve("tenants");
  }

  public Path templates() {
    return root.resolve("templates");
  }

  public Path baseTemplates() {
    return templates().resolve("base");
  }

  public Path overlays() {
    return templates().resolve("overlays");
  }

  public Path output() {
    return root.resolve("output");
  }

  /**
   * A path as printed in messages: relative to the root, with {@code /} separators. Bytes of a
   * file name that are not UTF-8 (which Java reads as U+FFFD) are shown as {@code \\xNN}, so the
   * name printed is the name on disk; control characters are escaped when a problem is printed.
   */
  public String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path shown = abs.startsWith(root) ? root.relativize(abs) : abs;
    String text = shown.toString().replace('\\', '/');
    return text.indexOf('\uFFFD') < 0 ? text : FileNameBytes.display(abs, root, text);
  }
}
