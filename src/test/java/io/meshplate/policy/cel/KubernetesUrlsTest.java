package io.meshplate.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code isURL}/{@code url} accept what Go's url.ParseRequestURI accepts, as the API server does. */
class KubernetesUrlsTest {

  @ParameterizedTest
  @CsvSource({
    "https://example.com/jwks.json, https",
    "HTTP://Example.com:8080/a?b=c, http",
    "oci://registry.example/plugin:1.0, oci",
    "file:///opt/filter.wasm, file",
    "/just/a/path, ''",
    "mailto:platform@acme.example, mailto",
    "http://user:pa%20ss@host/, http",
    "http://[::1]:15000/stats, http",
    "*, ''",
  })
  void accepts(String text, String scheme) {
    assertThat(KubernetesUrls.parse(text)).isEqualTo(new KubernetesUrls.Url(scheme));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "registry.example/plugin:1.0",   // no scheme and not an absolute path
    "relative/path",
    ":8080/x",                       // missing scheme
    "http://host:80a/",              // port not numeric
    "http://ho st/",                 // space in host
    "http://host/%zz",               // bad escape
    "http://[::1/",                  // unclosed bracket
    "http://host/\n",                // control character
    "http://us{er@host/",            // invalid userinfo
  })
  void refuses(String text) {
    assertThat(KubernetesUrls.parse(text)).isNull();
  }
}
