/*
 * A minimal OpenSearch analysis plugin exposing Lucene's ICU analysis under the names of the official
 * analysis-icu plugin (icu_tokenizer, icu_normalizer, icu_folding, icu_transform).
 *
 * Why it exists: OpenSearch does not publish its analysis-icu plugin to Maven Central, and Maven Central is
 * the only artifact source our CI can reach. Lucene's lucene-analysis-icu and ICU4J are published there, and
 * the plugin layer is a thin wrapper around them, so scripts/engines.py compiles this file against the
 * unpacked distribution and installs the result as plugins/analysis-icu. Settings follow the official
 * plugin's: icu_normalizer {name, mode}, icu_transform {id, dir}.
 */
package org.searchapp.icu;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.NormalizingTokenFilterFactory;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

public class IcuAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("icu_tokenizer", IcuTokenizerFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "icu_normalizer", IcuNormalizerFilterFactory::new,
            "icu_folding", IcuFoldingFilterFactory::new,
            "icu_transform", IcuTransformFilterFactory::new
        );
    }

    static final class IcuTokenizerFactory extends AbstractTokenizerFactory {
        IcuTokenizerFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, settings, name);
        }

        @Override
        public Tokenizer create() {
            return new ICUTokenizer();
        }
    }

    static final class IcuNormalizerFilterFactory extends AbstractTokenFilterFactory
        implements NormalizingTokenFilterFactory {
        private final Normalizer2 normalizer;

        IcuNormalizerFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, name, settings);
            String form = settings.get("name", "nfkc_cf");
            Normalizer2.Mode mode = "decompose".equals(settings.get("mode", "compose"))
                ? Normalizer2.Mode.DECOMPOSE
                : Normalizer2.Mode.COMPOSE;
            this.normalizer = Normalizer2.getInstance(null, form, mode);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUNormalizer2Filter(tokenStream, normalizer);
        }
    }

    static final class IcuFoldingFilterFactory extends AbstractTokenFilterFactory
        implements NormalizingTokenFilterFactory {
        IcuFoldingFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUFoldingFilter(tokenStream);
        }
    }

    static final class IcuTransformFilterFactory extends AbstractTokenFilterFactory
        implements NormalizingTokenFilterFactory {
        private final Transliterator transliterator;

        IcuTransformFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, name, settings);
            int direction = "reverse".equals(settings.get("dir", "forward"))
                ? Transliterator.REVERSE
                : Transliterator.FORWARD;
            this.transliterator = Transliterator.getInstance(settings.get("id", "Null"), direction);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUTransformFilter(tokenStream, transliterator);
        }
    }
}
