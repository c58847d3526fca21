package io.plk.orchestrator.logs;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.plk.agent.secrets.Redaction;

/** {@code %maskedMsg}: the log message with secret values masked (see {@link Redaction}). */
public final class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.mask(super.convert(event));
    }
}
