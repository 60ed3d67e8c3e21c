// 学校整改 (#/school): a school manager's tasks on a phone (and on a PC). `?task=<id>` opens one task, so a
// link in a notice or from another screen lands on it.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TaskList } from './TaskList';
import { TaskView } from './TaskView';
import './school.css';

export function SchoolPage() {
  const { t } = useTranslation('school');
  const [params] = useSearchParams();
  const taskId = params.get('task');
  return (
    <div className="school-page">
      {taskId ? (
        <TaskView key={taskId} taskId={taskId} />
      ) : (
        <>
          <h1 className="school-title">{t('title')}</h1>
          <TaskList />
        </>
      )}
    </div>
  );
}
