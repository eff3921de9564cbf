package io.meshplate.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import io.meshplate.IoFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The one place FreeMarker is configured (STYLE §4): strict, deterministic, sandboxed, YAML
 * auto-escaping. One Configuration per overlay chain, never mutated after creation.
 */
final class EngineFactory {
  private EngineFactory() {}

  static Configuration create(TemplateSet templates) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
    cfg.setTemplateLoader(loader(templates));
    cfg.setRegisteredCustomOutputFormats(List.of(YamlOutputFormat.INSTANCE));
    cfg.setOutputFormat(YamlOutputFormat.INSTANCE);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setLocalizedLookup(false);
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setSQLDateAndTimeTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("c");
    cfg.setBooleanFormat("c");
    // A CLI run renders from a fixed snapshot: no re-checking of template files.
    cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    return cfg;
  }

  private static TemplateLoader loader(TemplateSet templates) {
    try {
      List<TemplateLoader> loaders = new ArrayList<>();
      for (Path layer : templates.layers()) {
        if (Files.isDirectory(layer)) {
          loaders.add(new FileTemplateLoader(layer.toFile()));
        }
      }
      if (Files.isDirectory(templates.lib())) {
        loaders.add(new LibTemplateLoader(templates.lib().toFile()));
      }
      MultiTemplateLoader multi = new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
      multi.setSticky(false);
      return multi;
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, "templates/", "cannot open the template folders", e);
    }
  }
}
