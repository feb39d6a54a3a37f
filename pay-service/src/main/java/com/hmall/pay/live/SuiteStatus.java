package com.hmall.pay.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

import com.hmall.common.chaos.ChaosSettings;
import com.hmall.common.messaging.PayTopology;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;
import com.hmall.pay.live.LiveViews.BrokerView;
import com.hmall.pay.live.LiveViews.QueueView;
import com.hmall.pay.live.LiveViews.ServiceView;

import lombok.RequiredArgsConstructor;

/** Each service's state and chaos knobs, and each queue's depth, as the live page shows them. */
@Component
@RequiredArgsConstructor
class SuiteStatus {

    private static final List<String> QUEUES = List.of(PayTopology.TRADE_QUEUE, PayTopology.NOTIFY_QUEUE,
            PayTopology.POINTS_QUEUE, PayTopology.TRADE_DLQ, PayTopology.NOTIFY_DLQ, PayTopology.POINTS_DLQ);

    private final Downstream downstream;
    private final AmqpAdmin amqpAdmin;

    List<ServiceView> services() {
        List<ServiceView> services = new ArrayList<>();
        services.add(new ServiceView("pay-service", "UP", null, null));
        for (String name : Downstream.SERVICES) {
            services.add(service(name));
        }
        return services;
    }

    private ServiceView service(String name) {
        try {
            ChaosSettings knobs = downstream.chaos(name);
            return new ServiceView(name, knobs.outage() ? "OUTAGE" : "UP", knobs.latencyMs(), knobs.outage());
        } catch (ApiException e) {
            // 404: the service runs without chaos knobs; anything else: it does not answer.
            boolean up = e.getCode() == ErrorCode.NOT_FOUND && downstream.healthy(name);
            return new ServiceView(name, up ? "UP" : "DOWN", null, null);
        }
    }

    /** Asks the broker (a passive declare per queue); null depths when it cannot be asked. */
    QueuesView queues() {
        List<QueueView> queues = new ArrayList<>();
        try {
            for (String name : QUEUES) {
                Properties properties = amqpAdmin.getQueueProperties(name);
                queues.add(properties == null ? new QueueView(name, null, null, isDeadLetter(name))
                        : new QueueView(name, number(properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue(),
                                number(properties.get(RabbitAdmin.QUEUE_CONSUMER_COUNT)).intValue(), isDeadLetter(name)));
            }
            return new QueuesView(new BrokerView(true), queues);
        } catch (RuntimeException brokerUnreachable) {
            return new QueuesView(new BrokerView(false),
                    QUEUES.stream().map(name -> new QueueView(name, null, null, isDeadLetter(name))).toList());
        }
    }

    private static boolean isDeadLetter(String queue) {
        return queue.endsWith(".dlq");
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }

    record QueuesView(BrokerView broker, List<QueueView> queues) {
    }
}
