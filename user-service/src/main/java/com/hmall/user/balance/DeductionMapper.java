package com.hmall.user.balance;

import org.apache.ibatis.annotations.Mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

@Mapper
public interface DeductionMapper extends BaseMapper<Deduction> {
}
