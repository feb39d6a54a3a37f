package com.hmall.starter.messaging;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.amqp.core.Message;

/**
 * Around every delivery to a {@code @RabbitListener}, inside the listener retry (so once per
 * attempt): the {@link ListenerGate} first, the {@link ConsumerMetrics} once the listener has
 * returned. A listener is then its business call and nothing else.
 */
class ConsumerAdvice implements MethodInterceptor {

    private final ListenerGate gate;
    private final ConsumerMetrics metrics;

    ConsumerAdvice(ListenerGate gate, ConsumerMetrics metrics) {
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        gate.beforeMessage();
        Object result = invocation.proceed();
        // The container's ContainerDelegate.invokeListener(Channel, Object data): one Message, or a batch.
        Object[] arguments = invocation.getArguments();
        if (arguments.length > 1 && arguments[1] instanceof Message message) {
            metrics.handled(message);
        } else if (arguments.length > 1 && arguments[1] instanceof Iterable<?> batch) {
            batch.forEach(each -> {
                if (each instanceof Message message) {
                    metrics.handled(message);
                }
            });
        }
        return result;
    }
}
