package io.meshplate.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import java.io.File;
import java.io.IOException;
import java.io.Reader;

/** Serves {@code templates/lib/*} under the name {@code lib/*}, and nothing else. */
final class LibTemplateLoader implements TemplateLoader {
  static final String PREFIX = "lib/";
  private final FileTemplateLoader files;

  LibTemplateLoader(File libDirectory) throws IOException {
    this.files = new FileTemplateLoader(libDirectory);
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    return name.startsWith(PREFIX) ? files.findTemplateSource(name.substring(PREFIX.length())) : null;
  }

  @Override
  public long getLastModified(Object templateSource) {
    return files.getLastModified(templateSource);
  }

  @Override
  public Reader getReader(Object templateSource, String encoding) throws IOException {
    return files.getReader(templateSource, encoding);
  }

  @Override
  public void closeTemplateSource(Object templateSource) throws IOException {
    files.closeTemplateSource(templateSource);
  }
}
