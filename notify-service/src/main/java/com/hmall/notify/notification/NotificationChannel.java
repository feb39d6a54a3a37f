package com.hmall.notify.notification;

/** How a notification reaches the user. The demo only "sends" text messages: it stores them. */
public enum NotificationChannel {
    SMS
}
