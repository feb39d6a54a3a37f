package com.hmall.notify.notification;

import org.apache.ibatis.annotations.Mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

@Mapper
public interface NotificationMapper extends BaseMapper<Notification> {
}
