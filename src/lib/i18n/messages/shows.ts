import type { Messages } from '../types';

/** Shows: list, statuses, kinds, platforms. */
export default {
	'shows.title': ['直播场次', 'Shows'],
	'shows.lead': ['按开播时间排列（北京时间）。', 'Ordered by announced start (Beijing time).'],
	'shows.empty': ['还没有直播场次。', 'No shows yet.'],
	'shows.col.start': ['开播时间', 'Start'],
	'shows.col.title': ['场次', 'Show'],
	'shows.col.unit': ['主办单位', 'Unit'],
	'shows.col.duration': ['时长', 'Length'],
	'shows.col.platforms': ['平台', 'Platforms'],
	'shows.col.status': ['状态', 'Status'],
	'shows.segments': ['{n} 个环节', '{n} segments'],
	'shows.upcoming': ['即将开播', 'Upcoming'],
	'shows.past': ['已结束', 'Past'],

	'show.kind.demo': ['示范直播', 'Provincial demo'],
	'show.kind.city': ['市州直播', 'City show'],
	'show.status.draft': ['草稿', 'Draft'],
	'show.status.reported': ['已报备', 'Reported'],
	'show.status.approved': ['已审核', 'Approved'],
	'show.status.live': ['直播中', 'Live'],
	'show.status.ended': ['已结束', 'Ended'],

	'segment.kind.warmup': ['预热', 'Warm-up'],
	'segment.kind.opening': ['开场', 'Opening'],
	'segment.kind.product': ['产品讲解', 'Product'],
	'segment.kind.flash_sale': ['秒杀', 'Flash sale'],
	'segment.kind.interaction': ['互动', 'Interaction'],
	'segment.kind.remote': ['第二现场', 'Second venue'],
	'segment.kind.closing': ['结束', 'Closing'],
	'segment.kind.custom': ['其他', 'Other'],

	'runsheet.title': ['流程单', 'Run-sheet'],
	'runsheet.col.time': ['计划时间', 'Planned'],
	'runsheet.col.segment': ['环节', 'Segment'],
	'runsheet.col.duration': ['时长', 'Length'],
	'runsheet.col.speakers': ['出镜', 'Speakers'],
	'runsheet.col.product': ['产品 / 价格', 'Product / price'],
	'runsheet.total': ['合计 {total}（计划 {planned}）', 'Total {total} (planned {planned})']
} satisfies Messages;
