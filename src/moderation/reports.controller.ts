import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateReportDto, MyReportsQueryDto } from './reports.dto';
import { MyReportResponse, Page } from './reports.response';
import { ReportsService } from './reports.service';

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  create(@CurrentUser() caller: AuthUser, @Body() body: CreateReportDto): Promise<MyReportResponse> {
    return this.reports.create(caller.userId, body);
  }

  /** The caller's own reports, newest first, with their outcomes. */
  @Get()
  mine(@CurrentUser() caller: AuthUser, @Query() query: MyReportsQueryDto): Promise<Page<MyReportResponse>> {
    return this.reports.mine(caller.userId, query);
  }

  @Get(':id')
  one(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<MyReportResponse> {
    return this.reports.one(caller.userId, params.id);
  }
}
